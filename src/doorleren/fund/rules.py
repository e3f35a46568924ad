"""The fund's fixed rules in one place (docs/fund.md): who applies, who reviews, what a consortium needs."""

# Users with one of these roles act for their organisation in the fund: they make and submit
# applications and report spending for an organisation they are a member of. "coach" is the role
# of staff of public bodies (a leerwerkloket, a municipality), so a government can apply too.
APPLICANT_ROLES = ("employer", "school", "coach")
# Reviews, decisions, payments and closing are for the programme office. Every programme office
# user is a reviewer; conflicts of interest are checked per application.
PROGRAMME_OFFICE_ROLE = "programme_office"
# Organisation kinds (organisations.OrganisationKind values) that may be in a consortium. A
# government and a cooperative are optional partners; funders are not applicants.
CONSORTIUM_KINDS = ("school", "employer", "government", "cooperative")
# Each submitted application has at least one member of each of these kinds.
REQUIRED_KINDS = ("school", "employer")
# A decision needs at least this many reviews (by different programme office users).
MIN_REVIEWS = 2
