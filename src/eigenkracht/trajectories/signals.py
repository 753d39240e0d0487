"""What happens to a trajectory that apps above trajectories act on, in the same transaction."""

from django.dispatch import Signal

# Sent with conference and actor inside `attendance_record`'s transaction (the trajectory
# locked), each time a meeting's attendance is recorded: the evaluations invite its people.
conference_held = Signal()
