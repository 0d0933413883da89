/**
 * The GitHub Actions workflow `wiredesk init` writes (`.github/workflows/pages.yml`): build the site
 * and publish it on GitHub Pages on every push to main, every 15 minutes (an embargo lifts and the
 * news sitemap ages only when the site is built again), and by hand; the build cache is kept between
 * runs, and the Pages URL is passed as `--base-url`.
 */
export const pagesWorkflowText = `# Build the site and publish it on GitHub Pages.
# Turn it on once: the repository's Settings → Pages → Build and deployment → Source: GitHub Actions.
name: Pages

on:
  push:
    branches: [main]
  # A build is what lifts an embargo and ages the news sitemap (stories of the last two days):
  # rebuild every 15 minutes even when nothing is pushed. GitHub may start a scheduled run some
  # minutes late, and stops scheduling in a repository with no activity for 60 days.
  schedule:
    - cron: '*/15 * * * *'
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a run that is under way is finished, not cancelled.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install wiredesk
        run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - name: Find the Pages URL
        id: pages
        uses: actions/configure-pages@v5
      # Each run saves a cache of its own (the key is unique) and starts from the latest one
      # (restore-keys). On a fresh checkout every story file looks new: the build reads each one
      # but parses only those whose bytes changed since the last run, and takes the search index
      # from the cache when no page changed. dist/ is not kept: every page is written on every
      # run, and a large archive's site (about 500 MB for 10,000 stories) is too much to save each time.
      - name: Keep the build cache
        uses: actions/cache@v4
        with:
          path: .wiredesk-cache
          key: wiredesk-cache-\${{ github.run_id }}-\${{ github.run_attempt }}
          restore-keys: wiredesk-cache-
      - name: Build
        env:
          BASE_URL: \${{ steps.pages.outputs.base_url }}
        run: npx wiredesk build --base-url "$BASE_URL"
      # dist is a link to the finished build; the action archives the folder's contents with
      # tar --dereference, so the site's files are published, not the link.
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist/

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
