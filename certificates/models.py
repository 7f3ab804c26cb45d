# Certificates arrive with the Certificates issue.
