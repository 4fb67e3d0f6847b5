import { Alert } from 'antd';

/**
 * Above a list of people: that whole numbers are shown and each look is audited (`masked === false`, the caller
 * holds people.reveal), and the list's own error, in the server's words.
 */
export function ListNotices({ masked, error }: { masked: boolean | undefined; error: Error | null }) {
  return (
    <>
      {masked === false && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="您可查看完整身份证号和电话；每次查看均记入审计日志。"
        />
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
    </>
  );
}
