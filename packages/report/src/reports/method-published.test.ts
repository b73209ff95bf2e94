// "Method as published" comes from the model scored: the weights the model records as published
// are compared with those scored, and a change is said with both figures.
import { evaluate, parseEvaluationInput } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { renderTenderMarkdown } from './tender';
import { tenderInput } from './test-fixtures';

function report(published: Record<string, unknown> | undefined, weights?: [number, number]) {
  const input = tenderInput();
  const model = input.model as unknown as Record<string, unknown> & {
    criteria: { id: string; weight?: number }[];
  };
  if (published) model.published = published;
  if (weights) {
    (model.criteria.find((c) => c.id === 'price') as { weight: number }).weight = weights[0];
    (model.criteria.find((c) => c.id === 'quality') as { weight: number }).weight = weights[1];
  }
  const parsed = parseEvaluationInput(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const r = evaluate(parsed.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const md = renderTenderMarkdown(r.value);
  return md.slice(md.indexOf('Method as published'));
}

const AS_PUBLISHED = { price: '40', quality: '50', method: '60', staffing: '40', social: '10' };

describe('the method as published', () => {
  it('says nothing of publication when the model records none (the output is as before)', () => {
    const text = report(undefined);
    expect(text).not.toContain('after publication');
    expect(text).toContain('scoring methods as published');
  });

  it('says the weights scored are those published, with the date', () => {
    const text = report({ date: '2026-01-12', weights: AS_PUBLISHED });
    expect(text).toContain('Scored with the weights as published on 2026-01-12.');
  });

  it('says which weights changed after publication, published and scored', () => {
    const text = report({ date: '2026-01-12', weights: AS_PUBLISHED }, [30, 60]);
    expect(text).toContain(
      'The weights were changed after publication on 2026-01-12: "Price" 40% published, 30% scored; "Quality" 50% published, 60% scored.',
    );
    expect(text).toContain('The description above is the text as published');
    expect(text).toContain('scoring methods as scored');
  });
});
