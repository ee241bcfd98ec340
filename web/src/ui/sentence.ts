/**
 * A field's detail from the API is a predicate ("must not be empty", "must be at most 100
 * characters"): said of the field by its label, as a person would ("Name is required"). Whole
 * sentences (capitalised: the API's own messages for a field) pass unchanged.
 */
export function fieldSentence(label: string, message: string | undefined): string | undefined {
  if (!message || !/^[a-z]/.test(message)) return message;
  return `${label} ${message === 'must not be empty' ? 'is required' : message}`;
}
