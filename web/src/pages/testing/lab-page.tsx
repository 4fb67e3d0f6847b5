import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import { beijingTime as time } from '../../components/beijing-time';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ImportButton } from '../../components/import-button';
import type { ImportOutcome, TestingHandover } from '../../contracts';
import { HandoverStatusTag } from './lab-status';

const resultsSummary = (r: ImportOutcome) => `共${r.rows}行，录入结果${r.inserted}管，已有相同结果${r.unchanged}管`;

/** 清点: the lab's own count of a handover's tubes; a count that differs from the sender's is kept as a 差异. */
function ReceiveModal({ handover, onClose }: { handover: TestingHandover | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ counted: number; note?: string }>();
  const counted = Form.useWatch('counted', form);
  const receive = useMutation({
    mutationFn: (v: { counted: number; note?: string }) =>
      api.post<TestingHandover>(`/api/testing/handovers/${handover?.id}/receive`, {
        counted: v.counted,
        note: v.note || undefined,
      }),
    onSuccess: (h) => {
      message[h.status === 'received' ? 'success' : 'warning'](
        h.status === 'received'
          ? `已接收 ${h.tubesReceived} 管，与送检数一致`
          : `已登记差异：送检 ${h.tubesSent} 管，实收 ${h.tubesReceived} 管`,
      );
      qc.invalidateQueries({ queryKey: ['lab-handovers'] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const differs = handover && counted !== undefined && counted !== null && counted !== handover.tubesSent;
  return (
    <Modal
      open={!!handover}
      title={handover ? `清点交接单 ${handover.id}` : ''}
      okText="确认接收"
      onOk={() => form.submit()}
      confirmLoading={receive.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="receive-modal"
    >
      {handover && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ counted: handover.tubesSent }}
          onFinish={(v) => receive.mutate(v)}
        >
          <p>
            检测机构：{handover.lab}；送检 <b>{handover.tubesSent}</b> 管，送出时间 {time(handover.sentAt)}
          </p>
          <Form.Item name="counted" label="实收管数" rules={[{ required: true, message: '请填写实收管数' }]}>
            <InputNumber min={0} max={1_000_000} style={{ width: 160 }} />
          </Form.Item>
          {differs && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`实收 ${counted} 管与送检 ${handover.tubesSent} 管不一致，将登记为差异`}
            />
          )}
          <Form.Item name="note" label="差异说明" rules={[{ max: 200 }]}>
            <Input.TextArea rows={2} placeholder={differs ? '如：破损1管、漏装1管' : '可不填'} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** The handovers addressed to the lab's scope: those awaiting a count first, with the discrepancies marked. */
function Handovers() {
  const [status, setStatus] = useState<'sent' | 'discrepancy' | 'all'>('sent');
  const pages = useCursorPages(20);
  const [receiving, setReceiving] = useState<TestingHandover | null>(null);
  const list = useQuery({
    queryKey: ['lab-handovers', status, pages.after, pages.pageSize],
    queryFn: () =>
      api.get<{ items: TestingHandover[]; next: number | null }>(
        `/api/testing/lab/handovers${qs({ status: status === 'all' ? undefined : status, after: pages.after, pageSize: pages.pageSize })}`,
      ),
  });
  return (
    <Card
      title="样本交接"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            pages.reset();
          }}
          options={[
            { value: 'sent', label: '待接收' },
            { value: 'discrepancy', label: '有差异' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      <Table<TestingHandover>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        data-testid="handovers"
        locale={{ emptyText: status === 'sent' ? '没有待接收的交接单' : '暂无交接单' }}
        columns={[
          { title: '交接单', dataIndex: 'id', width: 90 },
          { title: '检测机构', dataIndex: 'lab' },
          { title: '送检管数', dataIndex: 'tubesSent', width: 100 },
          { title: '实收管数', width: 100, render: (_, h) => h.tubesReceived ?? '—' },
          { title: '送出时间', width: 180, render: (_, h) => time(h.sentAt) },
          { title: '状态', width: 150, render: (_, h) => <HandoverStatusTag h={h} /> },
          { title: '说明', dataIndex: 'note', render: (v) => v ?? '' },
          {
            title: '操作',
            width: 100,
            render: (_, h) =>
              h.status === 'sent' ? (
                <Button size="small" type="primary" onClick={() => setReceiving(h)}>
                  清点接收
                </Button>
              ) : null,
          },
        ]}
      />
      <CursorPager pages={pages} next={list.data?.next == null ? null : String(list.data.next)} total={undefined} unit="单" />
      <ReceiveModal handover={receiving} onClose={() => setReceiving(null)} />
    </Card>
  );
}

/** 检测结果: the lab receives handovers with its own count, and uploads its results file (csv or xlsx). */
export function LabPage() {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="上传检测结果">
        <Typography.Paragraph type="secondary">
          文件可为 .csv 或 .xlsx，列为：试管条码、检测结果（阴性/阳性/无效）、ORF1ab Ct、N Ct、检测机构、检测时间（如 2022-11-02
          10:30）。先试导入检查全部行，有错误时不写入任何数据并列出每一处错误；同一试管再次上传相同结果不会重复记录。混管阳性的每位受检者将立即生成单管复核任务。
        </Typography.Paragraph>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <ImportButton
            url="/api/testing/results/import"
            label="上传结果文件"
            template="/api/testing/results/template"
            accept=".csv,.xlsx"
            summary={resultsSummary}
          />
        </div>
      </Card>
      <Handovers />
    </Space>
  );
}
