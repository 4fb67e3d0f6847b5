import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { correctionNote, officialLayout } from '../../../src/lib/official-layout';
import { api } from '../api';
import { STATE_LABELS } from './publishing';

interface Printable {
  state: string;
  version: number | null;
  body: string;
  signatureLines: number;
  correctsVersion: number | null;
  correctionReason: string | null;
}

/**
 * The page as printed: A4, the frame of the console hidden. The layout is the Word file's (`officialLayout`,
 * shared with src/lib/docx.ts): the title centred, the body 仿宋 with a two-character indent at double spacing,
 * the signature lines right-aligned.
 */
const CSS = `
.fy-paper { width: 210mm; min-height: 297mm; margin: 0 auto; padding: 30mm 26mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.15); font-family: FangSong, "仿宋", STFangsong, "Noto Serif CJK SC", serif;
  font-size: 16pt; color: #000; box-sizing: border-box; }
.fy-paper h1 { text-align: center; font-size: 22pt; font-weight: 700; line-height: 1.5; margin: 0 0 24pt;
  font-family: "FZXiaoBiaoSong-B05S", SimSun, "Noto Serif CJK SC", serif; }
.fy-paper p { text-indent: 2em; line-height: 2; margin: 0; white-space: pre-wrap; text-align: justify; tab-size: 2.5em; }
.fy-paper p.fy-lines { text-align: left; }
.fy-paper p.fy-sign { text-indent: 0; text-align: right; }
.fy-paper p.fy-correction { text-indent: 0; margin-top: 24pt; font-size: 14pt; }
@media print {
  @page { size: A4; margin: 0; }
  .ant-layout-sider, .ant-layout-header, .fy-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .fy-paper { box-shadow: none; margin: 0; }
}`;

/** A version of `base` (the id from the path) as it prints: a print button (window.print) above the page. */
export function PrintView({ base }: { base: string }) {
  const { id } = useParams();
  const q = useQuery({ queryKey: [base, 'print', id], queryFn: () => api.get<Printable>(`${base}/${id}`) });
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" message={q.error?.message ?? '无法读取'} />;
  const v = q.data;
  const { title, body, signature } = officialLayout(v.body, v.signatureLines);
  const note = correctionNote(v);
  return (
    <>
      <style>{CSS}</style>
      <Space className="fy-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          打印
        </Button>
        <a href={`${base}/${id}/docx`}>下载 Word</a>
        <Tag color={STATE_LABELS[v.state]?.color}>{STATE_LABELS[v.state]?.label}</Tag>
        {v.version !== null && <span>第{v.version}版</span>}
      </Space>
      <article className="fy-paper" data-testid="print-page">
        <h1>{title}</h1>
        {body.map((b, i) => (
          // A frozen text's paragraphs never move: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <p key={i} className={b.includes('\n') ? 'fy-lines' : undefined}>
            {b}
          </p>
        ))}
        {signature.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the signature's lines, in order
          <p key={`s${i}`} className="fy-sign">
            {line}
          </p>
        ))}
        {note && <p className="fy-correction">{note}</p>}
      </article>
    </>
  );
}
