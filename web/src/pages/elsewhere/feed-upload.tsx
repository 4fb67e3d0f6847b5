import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import type { FeedOutcome } from '../../contracts';

/** 新增 3 个、调整 1 个、解除 1 个、未变 12 个: what an import did. */
const countsZh = (r: FeedOutcome) => `新增 ${r.added} 个、调整 ${r.changed} 个、解除 ${r.ended} 个、未变 ${r.unchanged} 个`;

/**
 * Imports another city's risk-area feed (the .json its GET /api/public/risk-areas answers): all or nothing, and
 * the same feed again is said to be a replay that changed nothing.
 */
export function FeedUpload() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FeedOutcome>();
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const r = await api.post<FeedOutcome>('/api/elsewhere/feeds', form);
      setResult(r);
      qc.invalidateQueries({ queryKey: ['elsewhere'] });
    } catch (e) {
      setResult(undefined);
      message.error(e instanceof Error ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
    return false;
  };
  return (
    <>
      <Upload accept=".json,application/json" showUploadList={false} beforeUpload={upload}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="feed-upload">
          导入外地数据文件
        </Button>
      </Upload>
      {result && (
        <Alert
          data-testid="feed-result"
          style={{ marginTop: 12 }}
          closable
          onClose={() => setResult(undefined)}
          type={result.replayOf ? 'info' : 'success'}
          showIcon
          title={
            result.replayOf
              ? `${result.province}${result.city}该数据（${dayjs(result.generatedAt).format('YYYY-MM-DD HH:mm')}生成）已于${dayjs(result.replayOf.at).format('YYYY-MM-DD HH:mm')}导入过，本次未作任何更改`
              : `已导入${result.province}${result.city}风险地区（${dayjs(result.generatedAt).format('YYYY-MM-DD HH:mm')}生成）：${countsZh(result)}`
          }
        />
      )}
    </>
  );
}
