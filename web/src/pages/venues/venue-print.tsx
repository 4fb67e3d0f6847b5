import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Radio, Space, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ruleZh, VENUE_KINDS } from '../../../../src/modules/healthcode/venues/rules';
import { api } from '../../api';
import type { Venue, VenueChildren } from '../../contracts';

/**
 * One sheet per venue: A5 (148 × 210 mm) by default, A4 when chosen. The console's frame is hidden in print and
 * every sheet starts a page.
 */
const css = (size: 'A4' | 'A5') => {
  const [w, h] = size === 'A4' ? [210, 297] : [148, 210];
  const k = w / 148;
  return `
.fy-venue-sheet { width: ${w}mm; height: ${h}mm; margin: 0 auto 12mm; padding: ${12 * k}mm ${10 * k}mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.15); box-sizing: border-box; display: flex; flex-direction: column; align-items: center;
  color: #000; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; border-top: ${6 * k}mm solid #1677ff; }
.fy-venue-sheet h1 { font-size: ${30 * k}pt; letter-spacing: .2em; margin: 0 0 ${2 * k}mm; }
.fy-venue-sheet .fy-venue-name { font-size: ${17 * k}pt; font-weight: 700; text-align: center; line-height: 1.3; }
.fy-venue-sheet .fy-venue-where { font-size: ${10 * k}pt; text-align: center; color: #333; margin-top: ${1 * k}mm; }
.fy-venue-sheet img { width: ${92 * k}mm; height: ${92 * k}mm; margin: ${4 * k}mm 0; image-rendering: pixelated; }
.fy-venue-sheet .fy-venue-call { font-size: ${20 * k}pt; font-weight: 700; letter-spacing: .15em; }
.fy-venue-sheet .fy-venue-rule { font-size: ${11 * k}pt; margin-top: ${2 * k}mm; }
.fy-venue-sheet .fy-venue-code { font-family: monospace; font-size: ${10 * k}pt; margin-top: auto; color: #333; }
@media print {
  @page { size: ${size}; margin: 0; }
  .ant-layout-sider, .ant-layout-header, .fy-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .fy-venue-sheet { box-shadow: none; margin: 0; break-after: page; }
  .fy-venue-sheet:last-child { break-after: auto; }
}`;
};

/** The URL a venue's QR code holds: the citizen's page scans it as `<origin>/v/<code>`. */
export const venueUrl = (code: string) => `${window.location.origin}/v/${code}`;

function Sheet({ v }: { v: Venue }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(venueUrl(v.code), { errorCorrectionLevel: 'M', margin: 1, width: 800 }).then(setQr, () => setQr(null));
  }, [v.code]);
  return (
    <section className="fy-venue-sheet" data-testid="venue-sheet">
      <h1>场所码</h1>
      <div className="fy-venue-name">
        {v.parentName ? `${v.parentName} · ` : ''}
        {v.name}
      </div>
      <div className="fy-venue-where">
        {VENUE_KINDS[v.kind]}
        {v.line ? ` · ${v.line}` : ''}
        {v.plate ? ` · ${v.plate}` : ''}
        {' · '}
        {v.address ?? [...v.trail, v.nodeName].join(' ')}
      </div>
      {qr ? <img src={qr} alt={`场所码 ${v.code}`} data-testid="venue-qr" /> : <Spin />}
      <div className="fy-venue-call">请扫码登记 · 逢进必扫</div>
      <div className="fy-venue-rule">通行要求：{ruleZh(v.rule)}</div>
      <div className="fy-venue-code">{v.code}</div>
    </section>
  );
}

/** 打印场所码: the venue's sheet, or a park's sheet and one for each of its zones, shops and warehouses. */
export function VenuePrint() {
  const { id } = useParams();
  const [size, setSize] = useState<'A4' | 'A5'>('A5');
  const venue = useQuery({ queryKey: ['venues', 'one', id], queryFn: () => api.get<Venue>(`/api/healthcode/venues/${id}`) });
  const isPark = venue.data?.kind === 'logistics_park';
  const kids = useQuery({
    enabled: isPark,
    queryKey: ['venues', 'children', Number(id)],
    queryFn: () => api.get<VenueChildren>(`/api/healthcode/venues/${id}/children`),
  });
  if (venue.isLoading || (isPark && kids.isLoading)) return <Spin />;
  if (!venue.data) return <Alert type="error" message={venue.error?.message ?? '无法读取'} />;
  const sheets = [venue.data, ...(kids.data?.items ?? [])].filter((v) => v.active);
  return (
    <>
      <style>{css(size)}</style>
      <Space className="fy-no-print" style={{ marginBottom: 16 }} wrap>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          打印
        </Button>
        <Radio.Group value={size} onChange={(e) => setSize(e.target.value)} optionType="button">
          <Radio.Button value="A5">A5</Radio.Button>
          <Radio.Button value="A4">A4</Radio.Button>
        </Radio.Group>
        <Typography.Text type="secondary">
          共{sheets.length}张{isPark ? '（园区及其分区、商铺、仓库，一区一店一库一码）' : ''}
          {kids.data?.truncated ? '，仅列出前500个' : ''}
        </Typography.Text>
        {!venue.data.active && <Alert type="warning" showIcon message="该场所码已停用，不能打印" />}
      </Space>
      <div data-testid="print-page">
        {sheets.map((v) => (
          <Sheet key={v.id} v={v} />
        ))}
      </div>
    </>
  );
}
