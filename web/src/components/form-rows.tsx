import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';

/**
 * A Form.List drawn as rows of fields (given by `row` for each row's name), each with a remove icon, and an
 * add button under them; rows and button carry test ids `${list}-row` and `add-${list}`.
 */
export function FormRows({ list, addLabel, row }: { list: string; addLabel: string; row: (name: number) => ReactNode }) {
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Space key={key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }} data-testid={`${list}-row`}>
              {row(name)}
              <MinusCircleOutlined onClick={() => remove(name)} aria-label="删除" />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid={`add-${list}`}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
