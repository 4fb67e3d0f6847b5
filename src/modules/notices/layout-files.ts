import { layoutShelf } from '../../lib/clause-layout';
import { parseLayout } from './layout';
import harbin2021 from './layouts/harbin-2021.json';
import harbin2022 from './layouts/harbin-2022.json';
import harbin2022Paragraphs from './layouts/harbin-2022-paragraphs.json';
import type { Edition } from './rules';

/**
 * The house styles shipped in `layouts/`, imported as data (not read from the disk) so that the console renders
 * the same preview as the server; each is validated on first use, and a bad file fails every use loudly, naming
 * the file, the clause and the option. A new house style is a new file and a line here (layouts.test.ts checks
 * that every file of the folder is listed).
 */
const FILES: Readonly<Record<string, unknown>> = {
  'harbin-2022.json': harbin2022,
  'harbin-2021.json': harbin2021,
  'harbin-2022-paragraphs.json': harbin2022Paragraphs,
};

export const NOTICE_LAYOUT_FILES = Object.keys(FILES);

const shelf = layoutShelf('notice layout', () => Object.entries(FILES), parseLayout);

export const noticeLayoutNames = shelf.names;

export const hasNoticeLayout = shelf.has;

/** The layout called `name`; an unknown name throws, listing the known ones. */
export const noticeLayout = shelf.get;

/** The house style of an edition, for a document that names none: the 2021 wording under the 8th edition. */
export const defaultLayoutOf = (edition: Edition) => (edition === 'ed8' ? 'harbin-2021' : 'harbin-2022');
