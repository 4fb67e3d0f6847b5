import { Button, Input, Space, Table, Tag } from 'antd';

/**
 * The two halves of a page that publishes an official text (疫情通报, 紧急提醒): the previewed text, editable,
 * with its publish button for those who may publish (`canPublish`); and the frozen versions already
 * published, with their downloads.
 */
export function PublishEditor(props: {
  canPublish: boolean;
  text: string;
  onChange: (text: string) => void;
  onPublish: () => void;
  publishing: boolean;
  placeholder: string;
  minRows: number;
  testId: string;
}) {
  return (
    <>
      <Input.TextArea
        data-testid={props.testId}
        value={props.text}
        onChange={(e) => props.onChange(e.target.value)}
        autoSize={{ minRows: props.minRows, maxRows: 40 }}
        placeholder={props.placeholder}
      />
      {props.canPublish && (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          disabled={!props.text}
          loading={props.publishing}
          onClick={props.onPublish}
          data-testid="publish"
        >
          发布
        </Button>
      )}
    </>
  );
}

interface Version {
  id: number;
  version: number;
  publishedBy: string | null;
}

/** Published versions, newest first: which day (as `dateOf` words it), the version, who, and the downloads. */
export function PublishedVersions<T extends Version>(props: {
  items: T[] | undefined;
  dateOf: (v: T) => string;
  downloadBase: string;
}) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      dataSource={props.items}
      pagination={false}
      columns={[
        { title: '日期', render: (_, v) => props.dateOf(v) },
        { title: '版本', render: (_, v) => <Tag color="green">第{v.version}版</Tag> },
        { title: '发布人', dataIndex: 'publishedBy' },
        {
          title: '下载',
          render: (_, v) => (
            <Space>
              <a href={`${props.downloadBase}/${v.id}/docx`}>Word</a>
              <a href={`${props.downloadBase}/${v.id}/text`}>文本</a>
            </Space>
          ),
        },
      ]}
    />
  );
}
