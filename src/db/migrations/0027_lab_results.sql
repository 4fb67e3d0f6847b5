-- Lab results (the testing module's lab/ part): the indexes its statements need beside migration 0025's.

-- The tubes resulted by one batch (an import or a device post): the event testing.results_recorded names the
-- batch, and followers read its tubes by it.
CREATE INDEX tubes_result_batch ON tubes (result_batch) WHERE result_batch IS NOT NULL;
-- The closed tubes of a point not yet handed to a lab (what a 交接单 takes).
CREATE INDEX tubes_to_hand_over ON tubes (round_id, point_id, id) WHERE handover_id IS NULL AND closed_at IS NOT NULL;
-- Handovers as their lists read them: in the caller's subtree, newest first; the discrepancies among them.
CREATE INDEX testing_handovers_scope ON testing_handovers (terr_path, id);
-- The task a retest tube answers (its result resolves the task).
CREATE INDEX retest_tasks_tube ON retest_tasks (retest_tube_id) WHERE retest_tube_id IS NOT NULL;
