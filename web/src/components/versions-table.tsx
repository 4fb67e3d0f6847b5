import { App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { STATE_LABELS, useReviewSteps } from './publishing';

/** A reason (退回, 更正) wraps within its column, so the actions stay in view. */
const WRAP = { display: 'inline-block', maxWidth: 220, whiteSpace: 'normal' } as const;

/** What the list shows of every version, whatever its kind (the kit's `Version` as the wire carries it). */
export interface VersionRow {
  id: number;
  state: string;
  version: number | null;
  draftedBy: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  publishedBy: string | null;
  correctsVersion: number | null;
  correctionReason: string | null;
  actions: string[];
}

/**
 * Drafts and versions, newest first: the day (as `dateOf` words it), the state of the review, who drafted,
 * reviewed and published, what a correction corrects, and the buttons the server says the account may use
 * (none are drawn otherwise). A published version has its Word and text downloads and its print view.
 */
export function VersionsTable<T extends VersionRow>(props: {
  items: T[] | undefined;
  loading: boolean;
  dateOf: (v: T) => string;
  base: string;
  queryKey: string;
  /** The console path of the print view: `${printPath}/${id}`. */
  printPath: string;
  onEdit: (v: T) => void;
  onCorrect: (v: T) => void;
}) {
  const { modal } = App.useApp();
  const steps = useReviewSteps(props.base, props.queryKey);
  const act = (v: T, step: string) => steps.mutate({ id: v.id, step });
  const reject = (v: T) => {
    let reason = '';
    modal.confirm({
      title: '退回修改',
      content: (
        <Input.TextArea
          data-testid="reject-reason"
          placeholder="退回原因（起草人将看到）"
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      okText: '退回',
      onOk: () => (reason.trim() ? steps.mutateAsync({ id: v.id, step: 'reject', reason }) : Promise.reject()),
    });
  };
  const button = (v: T, action: string, label: string, onClick: () => void, primary = false) =>
    v.actions.includes(action) && (
      <Button size="small" type={primary ? 'primary' : 'default'} onClick={onClick} data-testid={`${action}-${v.id}`}>
        {label}
      </Button>
    );
  return (
    <Table<T>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '日期', render: (_, v) => props.dateOf(v) },
        {
          title: '状态',
          render: (_, v) => (
            <Space size={4}>
              <Tag color={STATE_LABELS[v.state]?.color} data-testid={`state-${v.id}`}>
                {STATE_LABELS[v.state]?.label ?? v.state}
              </Tag>
              {v.version !== null && <span>第{v.version}版</span>}
            </Space>
          ),
        },
        { title: '起草', dataIndex: 'draftedBy' },
        {
          title: '审核',
          render: (_, v) =>
            v.reviewNote ? (
              <Typography.Text type="danger" style={WRAP}>
                {v.reviewedBy} 退回：{v.reviewNote}
              </Typography.Text>
            ) : v.state === 'approved' || v.state === 'published' ? (
              v.reviewedBy
            ) : null,
        },
        { title: '发布', dataIndex: 'publishedBy' },
        {
          title: '更正说明',
          render: (_, v) =>
            v.correctionReason && (
              <span style={WRAP}>
                {v.correctsVersion !== null && `更正第${v.correctsVersion}版：`}
                {v.correctionReason}
              </span>
            ),
        },
        {
          title: '操作',
          render: (_, v) => (
            <Space size={4} wrap>
              {button(v, 'edit', '编辑', () => props.onEdit(v))}
              {button(v, 'submit', '提交审核', () => act(v, 'submit'))}
              {button(v, 'approve', '审核通过', () => act(v, 'approve'), true)}
              {button(v, 'reject', '退回', () => reject(v))}
              {button(v, 'publish', '发布', () => act(v, 'publish'), true)}
              {button(v, 'correct', '更正', () => props.onCorrect(v))}
              {v.state === 'published' && (
                <>
                  <a href={`${props.base}/${v.id}/docx`} data-testid={`docx-${v.id}`}>
                    Word
                  </a>
                  <a href={`${props.base}/${v.id}/text`}>文本</a>
                  <Link to={`${props.printPath}/${v.id}`} target="_blank" data-testid={`print-${v.id}`}>
                    打印
                  </Link>
                </>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
