import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../api';
import type { ImportOutcome, ImportIssue as Issue } from '../contracts';

/**
 * Uploads a ledger .xlsx to `url`; a refused file shows every bad cell by sheet, row and column. With `template`
 * (the ledger's GET …/import/template) a 下载模板 button sits beside it.
 */
export function ImportButton({ url, label = '导入台账', template }: { url: string; label?: string; template?: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [title, setTitle] = useState('');

  const upload = async (file: File) => {
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const r = await api.post<ImportOutcome>(url, form);
      if (r.replayOf)
        message.info(
          `该文件已于${dayjs(r.replayOf.at).format('YYYY-MM-DD HH:mm')}导入过（${r.replayOf.rows}行），本次未写入任何数据`,
        );
      else message.success(`导入成功：共${r.rows}行，新增${r.inserted}人，更新${r.updated}人，未变化${r.unchanged}人`);
      qc.invalidateQueries();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray((e.details as { issues?: Issue[] })?.issues)) {
        setTitle(e.message);
        setIssues((e.details as { issues: Issue[] }).issues);
      } else message.error(e instanceof Error ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
    return false;
  };

  return (
    <>
      {template && (
        <Button icon={<FileExcelOutlined />} href={template} data-testid="import-template">
          下载模板
        </Button>
      )}
      <Upload accept=".xlsx" showUploadList={false} beforeUpload={upload}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import">
          {label}
        </Button>
      </Upload>
      <Modal open={!!issues} title={title} onCancel={() => setIssues(null)} footer={null} width={720}>
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
