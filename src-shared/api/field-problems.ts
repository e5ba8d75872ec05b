import type { z } from 'zod';
import type { FieldProblem } from '../errors';

/** Turn zod's issues into field problems with stable reason keys the renderer translates. */
export function fieldProblemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue): FieldProblem => {
    const path = issue.path.map(String).join('.') || '(input)';
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'number' && Number(issue.minimum) === 0 && !issue.inclusive)
          return { path, reason: 'not_positive' };
        if (issue.origin === 'string')
          return Number(issue.minimum) === 1
            ? { path, reason: 'required' }
            : { path, reason: 'too_short', params: { min: Number(issue.minimum) } };
        return { path, reason: 'too_small', params: { min: Number(issue.minimum) } };
      case 'too_big':
        return {
          path,
          reason: issue.origin === 'string' ? 'too_long' : 'too_big',
          params: { max: Number(issue.maximum) },
        };
      case 'invalid_format':
        return { path, reason: 'invalid_format' };
      case 'invalid_value':
        return { path, reason: 'invalid_choice' };
      case 'unrecognized_keys':
        return { path: issue.keys.join(','), reason: 'unknown_field' };
      case 'invalid_type':
        return {
          path,
          reason: issue.input === undefined ? 'required' : 'invalid_type',
          params: { expected: issue.expected },
        };
      default:
        return { path, reason: 'invalid' };
    }
  });
}
