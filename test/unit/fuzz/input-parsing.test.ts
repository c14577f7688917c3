// Fuzz of every node's input parsing (see support/parsers.ts for the list): random and
// adversarial input (malformed JSON and YAML, wrong types, deep nesting, prototype keys in JSON,
// YAML, CSV headers and mappings, invalid UTF-8, BOM, NUL) gives a result or the parser's own
// clear error, never a crash, never a polluted prototype.
import { fuzzParser } from './support/parser-check';
import { PARSERS } from './support/parsers';

test.each(PARSERS.map((target) => [target.name, target] as const))(
	'%s: a result or a clear error, nothing polluted',
	async (_name, target) => await fuzzParser(target, 80),
);
