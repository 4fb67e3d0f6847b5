import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../api';
import type { ImportOutcome, ImportIssue as Issue } from '../contracts';

/** What an import added to the tree, in words: 新建小区 1 个（宇光小区）、楼栋 2 栋、单元 4 个、住户 12 户. */
export function createdZh(c: ImportOutcome['created']): string {
  if (!c) return '';
  const parts = [
    c.compounds.length
      ? `小区 ${c.compounds.length} 个（${c.compounds.slice(0, 5).join('、')}${c.compounds.length > 5 ? '等' : ''}）`
      : '',
    c.buildings ? `楼栋 ${c.buildings} 栋` : '',
    c.units ? `单元 ${c.units} 个` : '',
    c.households ? `住户 ${c.households} 户` : '',
  ].filter(Boolean);
  return parts.length ? `新建${parts.join('、')}` : '';
}

/** The refusal's issues as an .xlsx with a 错误原因 column (POST /api/imports/report), named after the sheet. */
async function downloadReport(label: string, issues: Issue[]) {
  const title = issues[0]?.sheet || label.replace(/^导入/, '');
  const res = await fetch('/api/imports/report', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, issues: issues.slice(0, 5000) }),
  });
  if (!res.ok) throw new Error('错误报告生成失败');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `${title}错误报告.xlsx`;
  a.click();
  URL.revokeObjectURL(a.href);
}

const summaryZh = (r: ImportOutcome) => `共${r.rows}行，新增${r.inserted}人，更新${r.updated}人，未变化${r.unchanged}人`;

/**
 * Uploads a ledger .xlsx to `url` in two steps: a dry run first (everything checked and written, then rolled
 * back), which says what the import would add, among it any 小区 or building it would create; the user confirms,
 * and the same file is imported. A refused file shows every bad cell by sheet, row and column. With `template`
 * (the ledger's GET …/import/template) a 下载模板 button sits beside it.
 */
export function ImportButton({
  url,
  label = '导入台账',
  template,
  accept = '.xlsx',
  summary = summaryZh,
}: {
  url: string;
  label?: string;
  template?: string;
  /** The files the ledger reads (a results file may be .csv too). */
  accept?: string;
  /** The outcome in words, for ledgers whose rows are not people (共N行，录入N管…). */
  summary?: (r: ImportOutcome) => string;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [title, setTitle] = useState('');
  const [pending, setPending] = useState<{ file: File; dry: ImportOutcome } | null>(null);

  const send = (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<ImportOutcome>(dryRun ? `${url}?dryRun=true` : url, form);
  };
  const refused = (e: unknown) => {
    if (e instanceof ApiError && Array.isArray((e.details as { issues?: Issue[] })?.issues)) {
      setTitle(e.message);
      setIssues((e.details as { issues: Issue[] }).issues);
    } else message.error(e instanceof Error ? e.message : '导入失败');
  };
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const dry = await send(file, true);
      if (dry.replayOf)
        message.info(
          `该文件已于${dayjs(dry.replayOf.at).format('YYYY-MM-DD HH:mm')}导入过（${dry.replayOf.rows}行），本次未写入任何数据`,
        );
      else setPending({ file, dry });
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
    return false;
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const r = await send(pending.file, false);
      const created = createdZh(r.created);
      message.success(`导入成功：${summary(r)}${created ? `；${created}` : ''}`);
      setPending(null);
      qc.invalidateQueries();
    } catch (e) {
      setPending(null);
      refused(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {template && (
        <Button icon={<FileExcelOutlined />} href={template} data-testid="import-template">
          下载模板
        </Button>
      )}
      <Upload accept={accept} showUploadList={false} beforeUpload={upload}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import">
          {label}
        </Button>
      </Upload>
      <Modal
        open={!!pending}
        title="确认导入"
        okText="确认导入"
        onOk={confirm}
        confirmLoading={busy}
        onCancel={() => setPending(null)}
        data-testid="import-confirm"
      >
        {pending && (
          <>
            <p>{`${pending.file.name}：${summary(pending.dry)}。`}</p>
            {createdZh(pending.dry.created) && (
              <Alert type="warning" showIcon title={`导入将${createdZh(pending.dry.created)}，请核对地址是否正确。`} />
            )}
            <p style={{ marginTop: 12, color: '#888' }}>以上为试导入结果，确认后才写入。</p>
          </>
        )}
      </Modal>
      <Modal
        open={!!issues}
        title={title}
        onCancel={() => setIssues(null)}
        width={720}
        footer={
          <Button icon={<DownloadOutlined />} onClick={() => issues && downloadReport(label, issues)} data-testid="import-report">
            下载错误报告
          </Button>
        }
      >
        <Table<Issue>
          data-testid="import-issues"
          size="small"
          rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
          dataSource={issues ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '工作表', dataIndex: 'sheet' },
            { title: '行', dataIndex: 'row' },
            { title: '列', dataIndex: 'column' },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      </Modal>
    </>
  );
}
