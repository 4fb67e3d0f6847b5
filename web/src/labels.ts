/**
 * Chinese labels for the codes the API speaks that are the server's own tables. Role and audit-action labels
 * are not here: they come with the catalogue (`useCatalogue()`), as the modules declare them.
 */
import { KEY_GROUPS, VULNERABLE_TAGS } from '../../src/modules/people/rules';
import { NODE_TYPES } from '../../src/modules/territory/rules';

export const NODE_LABELS: Record<string, string> = NODE_TYPES;
export const TAG_LABELS: Record<string, string> = VULNERABLE_TAGS;
export const KEY_GROUP_LABELS: Record<string, string> = KEY_GROUPS;
