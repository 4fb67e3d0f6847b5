import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { ChainGraph, type ChainGraphData } from '../../components/chain-graph';
import { PositivePicker } from './positive-picker';

/** The list's row; its schema is written inline in the route (clusters-routes.ts), so it is not inferred yet. */
interface Cluster {
  id: number;
  name: string;
  lineage: string | null;
  cases: number;
  districts: { district: string; cases: number }[];
}

/** 聚集性疫情: clusters with their cases per district, and the chain graph of the one selected. */
export function ClustersPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const write = useCan()('clusters.write');
  const [selected, setSelected] = useState<number>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['clusters'], queryFn: () => api.get<{ items: Cluster[] }>('/api/surveillance/clusters') });
  const graph = useQuery({
    enabled: !!selected,
    queryKey: ['cluster-graph', selected],
    queryFn: () => api.get<ChainGraphData & { truncated: boolean }>(`/api/surveillance/clusters/${selected}/graph`),
  });
  const create = useMutation({
    mutationFn: (v: { name: string; lineage?: string; positiveIds: number[] }) =>
      api.post<{ id: number }>('/api/surveillance/clusters', v),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['clusters'] });
      setSelected(r.id);
      setOpen(false);
      form.resetFields();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card
          title="聚集性疫情"
          extra={
            write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                登记
              </Button>
            )
          }
        >
          <Table<Cluster>
            scroll={{ x: 'max-content' }}
            rowKey="id"
            size="small"
            dataSource={list.data?.items}
            pagination={false}
            onRow={(c) => ({
              onClick: () => setSelected(c.id),
              style: { cursor: 'pointer', background: c.id === selected ? '#fff1f0' : undefined },
            })}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '病例', dataIndex: 'cases', align: 'right' },
              { title: '分布', render: (_, c) => c.districts.map((d) => `${d.district}${d.cases}例`).join('，') },
              { title: '基因测序', dataIndex: 'lineage', render: (l) => l && <Tag>{l}</Tag> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card title="传播链">
          {graph.data ? (
            <>
              <Space style={{ marginBottom: 8 }} wrap>
                <Tag color="#c0392b">确诊病例</Tag>
                <Tag color="#e67e22">无症状感染者</Tag>
                <Tag color="#2980b9">密切接触者</Tag>
                <Tag color="#95a5a6">密接的密接</Tag>
                <Tag style={{ borderStyle: 'dashed' }}>+N 折叠的密接</Tag>
                <Typography.Text type="secondary">
                  共{graph.data.nodes.length}个节点{graph.data.truncated ? '（密接过多，仅显示前5000人）' : ''}
                </Typography.Text>
              </Space>
              <ChainGraph key={selected} data={graph.data} />
            </>
          ) : (
            <Typography.Text type="secondary">选择左侧的聚集性疫情查看传播链</Typography.Text>
          )}
        </Card>
      </Col>
      <Modal
        open={open}
        title="登记聚集性疫情"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="名称" rules={[{ required: true }]}>
            <Input placeholder="中通快递聚集性疫情" />
          </Form.Item>
          <Form.Item name="lineage" label="基因测序分型">
            <Input placeholder="BA.5.2" />
          </Form.Item>
          <Form.Item name="positiveIds" label="病例" rules={[{ required: true, message: '请选择病例' }]}>
            <PositivePicker multiple />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
