// A small wrapper over node's util.parseArgs that turns its errors into usage errors.
import { parseArgs as nodeParseArgs } from 'util';
import { UsageError } from './io';

type Spec = Record<string, 'string' | 'strings' | 'boolean'>;

export function parseArgs(args: string[], spec: Spec) {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, kind] of Object.entries(spec)) {
    options[name] = kind === 'strings' ? { type: 'string', multiple: true } : { type: kind };
  }
  try {
    const { values, positionals } = nodeParseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | string[] | boolean | undefined>, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
