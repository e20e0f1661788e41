"""Text: what the prose says. Takes the prose lines and the outline; gives goal blocks and
each goal's verdict with its evidence (assess), goals listed in goal tables (goal_tables),
tags and goal-count claims (tags). The classifier is trained by train_assessment."""
