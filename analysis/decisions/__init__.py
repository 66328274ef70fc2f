"""Decisions on a fitted model: what-ifs (scenario), comparisons (compare), the budget optimiser
(optimize), reverse and goal questions (reverse), and the joint draws that score them (joint_draws)."""
