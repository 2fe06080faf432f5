// The record's JSON Schema (schema/record.schema.json) against src/model/record.ts and against real output: every
// record `analyze` makes for the bundled samples and for every fixture text validates, and every span in it (found by
// a generic walk, so layers added later are covered) is the slice of the text it claims to be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { Analyzer, analyzeText } from '../src/analyze.js';
import { InputError } from '../src/ingest/decode.js';
import { readTextFile } from '../src/ingest/textFile.js';
import type { NewsRecord } from '../src/model/record.js';
import { recordProblems as problems, recordSchema as schema, ROOT, spansIn } from './tools/record-check.js';

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  $ref?: string;
}

/** Every *.txt under a folder, recursively, sorted. */
function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...textFiles(p));
    else if (name.endsWith('.txt')) out.push(p);
  }
  return out;
}

test('schema/record.schema.json lists exactly the fields of src/model/record.ts', () => {
  const file = join(ROOT, 'src', 'model', 'record.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const defs = schema.$defs as Record<string, JsonSchema>;
  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? defs[s.$ref.replace('#/$defs/', '')]! : s);
  let checked = 0;
  ts.forEachChild(source, (node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const name = node.name.text;
    const def = name === 'NewsRecord' ? (schema as JsonSchema) : defs[name];
    assert.ok(def, `interface ${name} has no $defs entry in the schema`);
    const props = checker.getPropertiesOfType(checker.getTypeAtLocation(node));
    const tsNames = props.map((p) => p.name).sort();
    assert.deepEqual(Object.keys(def.properties ?? {}).sort(), tsNames, `${name}: properties`);
    const tsRequired = props.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name).sort();
    assert.deepEqual([...(def.required ?? [])].sort(), tsRequired, `${name}: required properties`);
    for (const p of props) {
      // A property typed as a union of string literals (BlockType, ClaimStatus, ...) must be the same enum.
      const type = checker.getTypeOfSymbolAtLocation(p, node);
      if (!type.isUnion() || !type.types.every((t) => t.isStringLiteral())) continue;
      const literals = type.types.map((t) => (t as ts.StringLiteralType).value).sort();
      const enumValues = resolve(def.properties![p.name]!).enum;
      assert.deepEqual([...(enumValues ?? [])].sort(), literals, `${name}.${p.name}: enum`);
    }
    checked++;
  });
  assert.ok(checked >= 10, `only ${checked} interfaces found in record.ts`);
});

test('every record made for the samples and the fixture texts validates, and every span is its slice', (t) => {
  const files = [...textFiles(join(ROOT, 'examples', 'seeds')), ...textFiles(join(ROOT, 'test', 'fixtures'))];
  assert.ok(files.length >= 2, 'the bundled samples are missing');
  // One analyzer for the batch, as `newsledger analyze` uses: cross-document links are exercised too.
  const analyzer = new Analyzer();
  let analysed = 0;
  for (const file of files) {
    let record: NewsRecord;
    try {
      record = analyzer.analyze(readTextFile(file));
    } catch (e) {
      // A fixture that is deliberately not usable text is ingest's business (test/ingest.test.ts), not the schema's.
      if (e instanceof InputError) {
        t.diagnostic(`${file}: not analysed (${e.message})`);
        continue;
      }
      throw e;
    }
    const found = problems(record);
    assert.deepEqual(found, [], `${file}:\n${found.slice(0, 20).join('\n')}`);
    analysed++;
  }
  t.diagnostic(`${analysed} of ${files.length} texts analysed and checked`);
});

test('the schema and the span walk reject what they must', () => {
  const record = analyzeText('A minimal text. It has two sentences.\n');
  assert.deepEqual(problems(record), []);
  const text = record.text;
  const withBlock = (b: unknown) => ({ ...record, blocks: [b] }) as NewsRecord;
  assert.match(problems(withBlock({ type: 'paragraph', span: { start: 0, end: 3, text: 'A m' } })).join(), /^$/);
  // A span whose text is not its slice, a span past the end, a span missing its text, an unknown field.
  assert.match(problems(withBlock({ type: 'paragraph', span: { start: 0, end: 3, text: 'xyz' } })).join(), /not text\.slice/);
  assert.match(problems(withBlock({ type: 'paragraph', span: { start: 0, end: text.length + 1, text } })).join(), /not a range/);
  assert.match(problems(withBlock({ type: 'paragraph', span: { start: 0, end: 3 } })).join(), /schema:.*text/);
  assert.match(problems({ ...record, extra: 1 } as NewsRecord).join(), /schema:.*additional/);
  assert.match(problems(withBlock({ type: 'footnote', span: { start: 0, end: 1, text: 'A' } })).join(), /schema:.*allowed/);
  // Spans nested anywhere are found, including in layers the walk was not told about.
  const deep = { ...record, entities: [], notes: [] } as NewsRecord & { future?: unknown };
  (deep as unknown as Record<string, unknown>).blocks = [{ type: 'paragraph', span: { start: 2, end: 9, text: 'nope' } }];
  assert.match(problems(deep).join(), /\$\.blocks\[0\]\.span/);
  assert.equal([...spansIn({ a: [{ b: { start: 1, end: 2, text: 'x' } }] }, '$')][0]!.path, '$.a[0].b');
});
