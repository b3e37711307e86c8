-- The rows a submission's repeated answers are sent under (DatabaseLock.answering, SubmissionSteps.oneAtATime): two
-- threads or hub instances answering the same submission again at once do it one after the other, so the broker's
-- duplicate detection sees the second send after the first. Sixteen rows, chosen by the submission id.
INSERT INTO hub_lock (lock_name) VALUES ('answer-0'), ('answer-1'), ('answer-2'), ('answer-3'), ('answer-4'),
    ('answer-5'), ('answer-6'), ('answer-7'), ('answer-8'), ('answer-9'), ('answer-10'), ('answer-11'), ('answer-12'),
    ('answer-13'), ('answer-14'), ('answer-15');
