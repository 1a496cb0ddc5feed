// Our extension to Sigma: a named content matcher, usable in the condition like a selection,
// true when a classifier finds at least `min_count` spans at or above `min_confidence` in a field.
import type { ContentSpan } from '../types.ts';
import type { ContentMatcherDocument } from '../validate/rule-schema.ts';
import type { MatchContext } from './match-context.ts';
import type { CompiledSelection } from './selection.ts';
import { ANY, nonEmptyText } from './requirement.ts';

/** Purview's confidence levels: low 65, medium 75, high 85. */
export const CONFIDENCE_THRESHOLDS = { low: 65, medium: 75, high: 85 } as const;

export function confidenceThreshold(level: ContentMatcherDocument['min_confidence']): number {
  if (level === undefined) return CONFIDENCE_THRESHOLDS.low;
  return typeof level === 'number' ? level : CONFIDENCE_THRESHOLDS[level];
}

export interface ContentMatcher extends CompiledSelection {
  classifier: string;
  field: string;
}

export function compileContentMatcher(name: string, spec: ContentMatcherDocument): ContentMatcher {
  const field = spec.field ?? 'content';
  const minimum = spec.min_count ?? 1;
  const threshold = confidenceThreshold(spec.min_confidence);
  const matching = (context: MatchContext): ContentSpan[] =>
    context
      .spans(field, spec.classifier)
      .filter((span) => span.classifier === spec.classifier && span.confidence >= threshold);
  return {
    name,
    classifier: spec.classifier,
    field,
    test: (context) => {
      // The count of `matching`, without building the list (most events have no content to scan).
      let count = 0;
      const spans = context.spans(field, spec.classifier);
      for (let i = 0; i < spans.length; i++) {
        const span = spans[i]!;
        if (span.classifier === spec.classifier && span.confidence >= threshold && ++count >= minimum)
          return true;
      }
      return count >= minimum;
    },
    explain(context) {
      const spans = matching(context);
      return {
        fields: [
          {
            field,
            value: `${spans.length} × ${spec.classifier}`,
            matcher: `${name}: ${spec.classifier} ×${minimum}, confidence ≥ ${threshold}`,
          },
        ],
        spans,
      };
    },
    requiredFields: [[field]],
    actions: null,
    categories: null,
    // Only non-empty text is scanned: a field without any has no spans.
    requirement: minimum >= 1 ? { kind: 'value', field, test: nonEmptyText, exact: false } : ANY,
  };
}
