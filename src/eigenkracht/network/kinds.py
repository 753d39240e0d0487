"""The sectors, rings and ties a network map knows, in their order on the map. Pure, and apart
from `layout`: the models check their choices against these at every start-up, and the layout's
classes cost a command's start 4 ms it does not need."""

SECTORS = ("family", "friends", "school_work", "professionals")
RINGS = ("close", "middle", "far")
TIES = ("strong", "weak", "stressful")
