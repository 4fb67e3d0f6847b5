import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { TestingRound } from '../../contracts';

/** The rounds in scope, newest first (the coverage and speed tabs choose among them). */
export function useRounds() {
  return useQuery({
    queryKey: ['testing-rounds'],
    queryFn: () => api.get<{ items: TestingRound[]; next: number | null }>('/api/testing/rounds?pageSize=100'),
  });
}

export const roundOptions = (rounds: TestingRound[] | undefined) =>
  (rounds ?? []).map((r) => ({ value: r.id, label: `${r.name}${r.closedAt ? '（已结束）' : ''}` }));

/** Whole numbers with the Chinese thousands separator. */
export const n = (v: number) => v.toLocaleString('zh-CN');
