/**
 * The API's response types, inferred from the server's zod contracts (types only: nothing of the server is
 * bundled). One file, so a contract that moves is re-pointed here once. `Json<…>` is a contract as the wire
 * carries it: the server's dates arrive as ISO strings.
 */
import type { z } from 'zod';
import type { importOutcome } from '../../src/kit/imports';
import type { ListTotal } from '../../src/kit/keyset';
import type { overviewTile } from '../../src/kit/overview';
import type { RowIssue } from '../../src/lib/sheet-import';
import type { auditItem, auditPage } from '../../src/modules/audit/contract';
import type { me, tokenItem, userItem } from '../../src/modules/auth/contract';
import type { changesResponse, cityRow, dutyAnswer, elsewhereArea, feedOutcome } from '../../src/modules/elsewhere/contract';
import type { citizenMe, codeAnswer, travelAnswer } from '../../src/modules/healthcode/citizen/contract';
import type { companionsPage, companionVenues } from '../../src/modules/healthcode/companions/contract';
import type { correctionItem, correctionsPage, personCard } from '../../src/modules/healthcode/corrections/contract';
import type { venueBody, venueChildren, venueItem, venuesPage } from '../../src/modules/healthcode/venues/contract';
import type {
  checkpointVenue,
  publicKeyAnswer,
  scanOutcome as venueScanOutcome,
  verdict as venueVerdict,
} from '../../src/modules/healthcode/verify/contract';
import type { noticeVersion } from '../../src/modules/notices/contract';
import type { peoplePage, person } from '../../src/modules/people/contract';
import type { editionInput, editionList, editionRecord } from '../../src/modules/policy/contract';
import type { AreaSpec, RiskFeed } from '../../src/modules/risk/area-spec';
import type {
  areaDetail,
  areaItem,
  changeItem,
  levelAtAnswer,
  proposal,
  publicMeasures,
  publicSearchAnswer,
  zoneCounts,
} from '../../src/modules/risk/contract';
import type {
  bulletinItem,
  channel,
  contactItem,
  placeTask,
  positiveDetail,
  positiveItem,
  trajectoryInput,
} from '../../src/modules/surveillance/contract';
import type { reminderVersion as reminderItem } from '../../src/modules/surveillance/reminder/contract';
import type { foundNode, node, nodeDetail, nodeWithCounts } from '../../src/modules/territory/contract';
import type {
  closeAnswer,
  compareAnswer,
  coverageAnswer,
  missingPage,
  speedAnswer,
} from '../../src/modules/testing/coverage/contract';
import type { handoverItem, positivePool, retestsPage } from '../../src/modules/testing/lab/contract';
import type { plannerItem, pointItem, poolPlanAnswer, roundPlan, slotItem } from '../../src/modules/testing/pooling/contract';
import type { roundItem } from '../../src/modules/testing/rounds/contract';
import type {
  doorTask,
  doorTasksPage,
  samplingChoices,
  scan as scanInput,
  scanOutcome,
} from '../../src/modules/testing/sampling/contract';
import type { FieldError } from '../../src/server/field-messages';
import type { catalogueResponse } from '../../src/server/platform-routes';

/** A value as JSON carries it: `Date` becomes its ISO string, recursively. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

type Wire<S extends z.ZodType> = Json<z.infer<S>>;

export type Me = Wire<typeof me>;
export type Catalogue = Wire<typeof catalogueResponse>;
export type User = Wire<typeof userItem>;
export type DeviceToken = Wire<typeof tokenItem>;
export type AuditEntry = Wire<typeof auditItem>;
export type AuditListPage = Wire<typeof auditPage>;
export type TerritoryNode = Wire<typeof node>;
/** A node as searches and pickers offer it, with the district, street and community it lies in. */
export type FoundNode = Wire<typeof foundNode>;
export type NodeWithCounts = Wire<typeof nodeWithCounts>;
export type NodeDetail = Wire<typeof nodeDetail>;
export type Person = Wire<typeof person>;
export type ResidentsPage = Wire<typeof peoplePage>;
export type Positive = Wire<typeof positiveItem>;
export type PositiveDetail = Wire<typeof positiveDetail>;
export type TrajectoryEntry = Wire<typeof trajectoryInput>[number];
export type PlaceTask = Wire<typeof placeTask>;
export type Contact = Wire<typeof contactItem>;
/** A page of a keyset list (src/kit/keyset.ts `keysetPage`): pass `next` back as the cursor of the next page. */
export type KeysetPage<T> = { items: T[]; next: string | null; total: ListTotal };
export type Channel = Wire<typeof channel>;
export type Bulletin = Wire<typeof bulletinItem>;
export type Reminder = Wire<typeof reminderItem>;
export type NoticeVersion = Wire<typeof noticeVersion>;
/** A policy edition (防控方案版本) as stored, the list of them, and one as the console sends it. */
export type PolicyEdition = Wire<typeof editionRecord>;
export type PolicyEditionList = Wire<typeof editionList>;
export type PolicyEditionInput = z.input<typeof editionInput>;
export type ImportOutcome = Wire<typeof importOutcome>;
/** Other cities' risk areas (外地中高风险地区): a span of an area, a city's sums, an import's result, the duty check. */
export type ElsewhereArea = Wire<typeof elsewhereArea>;
export type ElsewhereCity = Wire<typeof cityRow>;
export type FeedOutcome = Wire<typeof feedOutcome>;
export type DutyAnswer = Wire<typeof dutyAnswer>;
/** The reminder document's riskAreaChanges and reportDuty as GET /api/elsewhere/changes answers them. */
export type ElsewhereChanges = Wire<typeof changesResponse>;
/** A tile of the command overview (src/kit/overview.ts), drawn by its `kind`. */
export type OverviewTile = Wire<typeof overviewTile>;
/** A refused import's rows, as `details.issues` of the 400. */
export type ImportIssue = Pick<RowIssue, 'sheet' | 'row' | 'column' | 'reason'>;
/** A refused input's fields, as `details.fields` of the 400: path, Chinese label and message (components/form-errors.ts). */
export type InputIssue = FieldError;

export type { AreaSpec, RiskFeed };
export type RiskArea = Wire<typeof areaItem>;
export type RiskAreaDetail = Wire<typeof areaDetail>;
export type RiskChange = Wire<typeof changeItem>;
export type ZoneCounts = Wire<typeof zoneCounts>;
export type LevelAt = Wire<typeof levelAtAnswer>;
export type PublicSearch = Wire<typeof publicSearchAnswer>;
export type RiskProposal = Wire<typeof proposal>;
export type PublicMeasures = Wire<typeof publicMeasures>;

// Mass testing (全员核酸检测): each part of the testing module adds its wire types below its own heading.
// testing: rounds
export type TestingRound = Wire<typeof roundItem>;
// testing: pooling
/** A sampling point (采样点), a slot announced at it, the planner's figures and a round's plan, the district pool plans. */
export type SamplingPoint = Wire<typeof pointItem>;
export type SamplingSlot = Wire<typeof slotItem>;
export type PlannerSettings = Wire<typeof plannerItem>;
export type RoundPlan = Wire<typeof roundPlan>;
export type PoolPlanAnswer = Wire<typeof poolPlanAnswer>;
// testing: lab
export type TestingHandover = Wire<typeof handoverItem>;
export type TestingRetests = Wire<typeof retestsPage>;
export type TestingPositivePool = Wire<typeof positivePool>;
// testing: sampling
export type ScanInput = z.input<typeof scanInput>;
export type ScanOutcome = Wire<typeof scanOutcome>;
export type SamplingChoices = Wire<typeof samplingChoices>;
export type DoorTask = Wire<typeof doorTask>;
export type DoorTasksPage = Wire<typeof doorTasksPage>;
// testing: coverage
/** A round's coverage under a node, its missing list, closing it, its speed and two rounds compared. */
export type TestingCoverage = Wire<typeof coverageAnswer>;
export type TestingMissingPage = Wire<typeof missingPage>;
export type TestingClosed = Wire<typeof closeAnswer>;
export type TestingSpeed = Wire<typeof speedAnswer>;
export type TestingCompare = Wire<typeof compareAnswer>;
// healthcode: corrections
/** A person's health code as the administrator sees it (colour, reasons, facts, tests, corrections), and corrections. */
export type HealthPersonCard = Wire<typeof personCard>;
export type HealthCorrection = Wire<typeof correctionItem>;
export type HealthCorrectionsPage = Wire<typeof correctionsPage>;
// healthcode: citizen (the citizens' page)
export type CitizenMe = Wire<typeof citizenMe>;
export type CitizenCode = Wire<typeof codeAnswer>;
export type TravelAnswer = Wire<typeof travelAnswer>;
// healthcode: verify (the checkpoints' page)
export type CheckpointVenue = Wire<typeof checkpointVenue>;
export type VenueScanOutcome = Wire<typeof venueScanOutcome>;
export type HealthPublicKey = Wire<typeof publicKeyAnswer>;
/** A citizen's scan of a venue's printed code (/v/<code>): pass or stop by the venue's rule. */
export type VenueVerdict = Wire<typeof venueVerdict>;
// healthcode: companions (时空伴随排查)
export type CompanionsPage = Wire<typeof companionsPage>;
export type CompanionVenues = Wire<typeof companionVenues>;
// healthcode: venues
/** A venue (场所) with where it stands and its printed code, a page of them, a park's venues. */
export type Venue = Wire<typeof venueItem>;
export type VenuesPage = Wire<typeof venuesPage>;
export type VenueChildren = Wire<typeof venueChildren>;
export type VenueBody = Wire<typeof venueBody>;
