/** A JSON Schema as the checks read it: the keywords zod's `toJSONSchema` writes for wiredesk's schemas. */
interface SchemaNode {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly anyOf?: readonly SchemaNode[];
}

/**
 * Where `value` breaks `schema` (paths such as `pageSize`), for the keywords wiredesk's schemas
 * use (type, enum, properties, required, items, minimum, maximum, minLength, pattern, anyOf): no
 * JSON Schema validator is installed, and these are the ones an editor checks a site's files with.
 */
export function schemaProblems(schema: SchemaNode, value: unknown, at = ''): string[] {
  if (schema.anyOf) return schema.anyOf.some((option) => schemaProblems(option, value, at).length === 0) ? [] : [`${at}: matches no option`];
  const problems: string[] = [];
  const typeOk = (() => {
    switch (schema.type) {
      case undefined:
        return true;
      case 'integer':
        return Number.isInteger(value);
      case 'array':
        return Array.isArray(value);
      case 'object':
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      default:
        return typeof value === schema.type;
    }
  })();
  if (!typeOk) return [`${at}: expected ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: expected one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: above ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: too short`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${at}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => problems.push(...schemaProblems(schema.items as SchemaNode, item, `${at}[${index}]`)));
  if (schema.type === 'object' && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}.${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (property) problems.push(...schemaProblems(property, item, at === '' ? key : `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${key}: not allowed`);
    }
  }
  return problems;
}
