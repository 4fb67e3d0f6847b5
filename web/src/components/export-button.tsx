import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';

interface Download {
  bytes: number;
  /** The server's estimate of the rows and of the bytes they take (absent when it sent none). */
  rows?: number;
  exact?: boolean;
  total?: number;
}

/** A size as people read it: a building's missing list is a few KB, a city's ledger hundreds of MB. */
const mb = (n: number) => (n < 2 ** 20 ? `${Math.ceil(n / 1024)} KB` : `${(n / 2 ** 20).toFixed(1)} MB`);

/** The file name the server gave (RFC 5987 `filename*`), else `fallback`. */
function filenameOf(disposition: string | null, fallback: string) {
  const m = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  return m?.[1] ? decodeURIComponent(m[1]) : fallback;
}

/**
 * Downloads a streamed export with its progress. The server writes the workbook as it reads the rows and cannot
 * know the file's size in advance, so it sends an estimate: the rows (exact from the rollup, or "about N") and the
 * bytes they should take. The bar shows the bytes received against that estimate, never past 99% before the last
 * byte, and says the figure is an estimate; 取消 aborts the request, and the server stops reading the database.
 */
export function ExportButton({ url, label = '导出', filename }: { url: string; label?: string; filename: string }) {
  const { message } = App.useApp();
  const [state, setState] = useState<Download | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const ac = new AbortController();
    abort.current = ac;
    setState({ bytes: 0 });
    try {
      const res = await fetch(url, { credentials: 'same-origin', signal: ac.signal });
      if (!res.ok || !res.body) {
        const data = await res.json().catch(() => undefined);
        throw new Error(data?.error?.message ?? `导出失败（${res.status}）`);
      }
      const num = (h: string) => (res.headers.get(h) ? Number(res.headers.get(h)) : undefined);
      const d: Download = {
        bytes: 0,
        rows: num('x-fangyi-estimate-rows'),
        exact: res.headers.get('x-fangyi-estimate-exact') === 'true',
        total: num('x-fangyi-estimate-bytes'),
      };
      const chunks: Uint8Array[] = [];
      const reader = res.body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        chunks.push(r.value);
        d.bytes += r.value.length;
        setState({ ...d });
      }
      const href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? '' }));
      const a = Object.assign(document.createElement('a'), {
        href,
        download: filenameOf(res.headers.get('content-disposition'), filename),
      });
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      message.success(`导出完成：${mb(d.bytes)}`);
    } catch (e) {
      if (!ac.signal.aborted) message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setState(null);
      abort.current = null;
    }
  };

  const percent = state?.total ? Math.min(99, Math.floor((state.bytes / state.total) * 100)) : undefined;
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={!!state} onClick={start} data-testid="export">
        {label}
      </Button>
      <Modal
        open={!!state}
        title="正在导出"
        closable={false}
        maskClosable={false}
        // Only 取消: the download ends by itself (an OK button would do nothing; `hidden` did not hide antd's).
        footer={
          <Button onClick={() => abort.current?.abort()} data-testid="export-cancel">
            取消
          </Button>
        }
        onCancel={() => abort.current?.abort()}
      >
        <Progress percent={percent ?? 0} status="active" data-testid="export-progress" />
        <Typography.Text type="secondary">
          已接收 {mb(state?.bytes ?? 0)}
          {state?.rows !== undefined && `，共${state.exact ? '' : '约'} ${state.rows.toLocaleString('zh-CN')} 行`}
          {percent !== undefined && '（进度按预计文件大小估算）'}
        </Typography.Text>
      </Modal>
    </>
  );
}
