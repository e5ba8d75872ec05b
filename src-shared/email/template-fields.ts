/** The fields a message template may name in braces ({company}); each is filled per document. */
export const TEMPLATE_FIELDS = ['company', 'document', 'number', 'date', 'amount', 'party'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
