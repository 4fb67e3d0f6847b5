import type { OverviewSource } from '../../kit/overview';
import { territoryService } from '../territory/service';
import { peoplePermissions } from './permissions';
import { peopleService } from './service';

/**
 * The residents of the caller's scope on the command overview: from the rollup (migration 0003) for the city
 * and a district, one index read, never a count over millions.
 */
export const peopleOverview: readonly OverviewSource[] = [
  {
    permission: peoplePermissions.names.read,
    async tiles(ctx) {
      const c = await peopleService.subtreeCounts(ctx, await territoryService.root(ctx));
      return [
        {
          kind: 'stat',
          key: 'people.residents',
          title: '辖区居民',
          unit: '人',
          value: c.residents,
          href: '/people',
          parts: [
            { label: '户数', value: c.households, href: '/people' },
            { label: '特殊人群', value: c.vulnerable, href: '/vulnerable' },
          ],
        },
      ];
    },
  },
];
