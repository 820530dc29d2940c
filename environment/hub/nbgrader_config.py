# nbgrader's exchange on a JupyterHub, for every user's server: in a hub image this is /etc/jupyter/nbgrader_config.py
# (environment/hub/Dockerfile copies it there); the hub stage of ./environment/test puts it in a folder on the servers'
# JUPYTER_CONFIG_PATH. An instructor's course folder keeps its own nbgrader_config.py too (environment/nbgrader/).
import os

c = get_config()  # noqa: F821 (nbgrader provides get_config)

# One exchange folder that every server sees (a shared volume on Zero to JupyterHub), and the course it serves.
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.CourseDirectory.course_id = os.environ.get("NBGRADER_COURSE_ID", "backprop-lab")

# Who submits: the hub's user name. nbgrader takes the operating system's user name, except for "jovyan" (the user of
# every Jupyter Docker image), where it takes JUPYTERHUB_USER. Servers that all run as one other user (the hub stage's
# local spawner, as root) would all submit as that user, so a student's id is set from JUPYTERHUB_USER here. The
# instructors (NBGRADER_INSTRUCTORS, names separated by spaces) keep the default "*": collect reads every student.
_user = os.environ.get("JUPYTERHUB_USER", "")
if _user and _user not in os.environ.get("NBGRADER_INSTRUCTORS", "").split():
    c.CourseDirectory.student_id = _user
