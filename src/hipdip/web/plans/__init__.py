"""Treatment plans (the surgeon's choices, the volume estimate, approval), the pre-op
checklist of the planned surgery date, and the record of the procedure as performed."""
