import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space } from 'antd';
import { api } from '../api';

/** The states of a version's review as the console names them (草稿/待审核/已通过/已发布), with their tag colours. */
export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '待审核', color: 'orange' },
  approved: { label: '已通过', color: 'blue' },
  published: { label: '已发布', color: 'green' },
};

type Saved = { id: number; state: string; version?: number | null };

/**
 * The review's steps on `base` (`/:id/submit`, `/approve`, `/reject`, `/publish`), refreshing the list of
 * `queryKey` after each; a refusal is shown as the server words it.
 */
export function useReviewSteps(base: string, queryKey: string) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, reason }: { id: number; step: string; reason?: string }) =>
      api.post<Saved>(`${base}/${id}/${step}`, step === 'reject' ? { reason } : {}),
    onSuccess: (r) => {
      const done: Record<string, string> = { draft: '已退回起草人', submitted: '已提交审核', approved: '已审核通过' };
      message.success(r.state === 'published' ? `已发布（第${r.version}版）` : done[r.state]);
      qc.invalidateQueries({ queryKey: [queryKey] });
    },
    onError: (e) => message.error(e.message),
  });
}

/**
 * Saving a draft (a new one, or the one being edited: `draftId`) and submitting it. `payload` is what the kind's
 * draft route takes; after submission the editor is free for the next text.
 */
export function useDraftSaving(o: {
  base: string;
  queryKey: string;
  draftId: number | undefined;
  setDraftId: (id: number | undefined) => void;
  payload: () => Promise<object>;
  onError: (e: Error) => void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = async () => {
    const body = await o.payload();
    const r = o.draftId ? await api.put<Saved>(`${o.base}/${o.draftId}`, body) : await api.post<Saved>(o.base, body);
    o.setDraftId(r.id);
    return r;
  };
  const saving = useMutation({
    mutationFn: save,
    onSuccess: () => {
      message.success('草稿已保存');
      qc.invalidateQueries({ queryKey: [o.queryKey] });
    },
    onError: o.onError,
  });
  const submitting = useMutation({
    mutationFn: async () => api.post<Saved>(`${o.base}/${(await save()).id}/submit`),
    onSuccess: () => {
      message.success('已提交审核，待另一位有发布权限的同事审核');
      o.setDraftId(undefined);
      qc.invalidateQueries({ queryKey: [o.queryKey] });
    },
    onError: o.onError,
  });
  return { saving, submitting };
}

/**
 * The text being drafted, editable, with the drafter's buttons for those who may publish: save the draft,
 * submit it for review. A new version of a day already published is a correction: `needsReason` asks for the
 * 更正说明 it must carry.
 */
export function DraftEditor(props: {
  canDraft: boolean;
  text: string;
  onChange: (text: string) => void;
  draftId: number | undefined;
  needsReason: boolean;
  reason: string;
  onReason: (reason: string) => void;
  onNew: () => void;
  steps: ReturnType<typeof useDraftSaving>;
  placeholder: string;
  minRows: number;
  testId: string;
}) {
  const { saving, submitting } = props.steps;
  const missing = !props.text || (props.needsReason && !props.reason.trim());
  return (
    <>
      <Input.TextArea
        data-testid={props.testId}
        value={props.text}
        onChange={(e) => props.onChange(e.target.value)}
        autoSize={{ minRows: props.minRows, maxRows: 40 }}
        placeholder={props.placeholder}
      />
      {props.canDraft && props.needsReason && (
        <Input
          style={{ marginTop: 12 }}
          data-testid="correction-reason"
          addonBefore="更正说明"
          placeholder="本日已有发布版本，新版本为更正：写明更正了什么（必填）"
          value={props.reason}
          onChange={(e) => props.onReason(e.target.value)}
        />
      )}
      {props.canDraft && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button disabled={missing} loading={saving.isPending} onClick={() => saving.mutate()} data-testid="save-draft">
            {props.draftId ? `保存草稿 #${props.draftId}` : '保存为草稿'}
          </Button>
          <Button
            type="primary"
            disabled={missing}
            loading={submitting.isPending}
            onClick={() => submitting.mutate()}
            data-testid="submit-draft"
          >
            提交审核
          </Button>
          {props.draftId && <Button onClick={props.onNew}>另起新稿</Button>}
        </Space>
      )}
    </>
  );
}
