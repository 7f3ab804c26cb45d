# Learner state (enrolments, cohorts, progress) arrives with the Learning issue.
