"""The GraphQL schema: each domain's `graphql` module contributes its Query and Mutation."""
import graphene

from orgchart.api import history
from orgchart.eligibility import graphql as eligibility
from orgchart.overlaps import graphql as overlaps
from orgchart.personnel import graphql as personnel
from orgchart.positions import graphql as positions
from orgchart.restructuring import graphql as restructuring
from orgchart.staffing import graphql as staffing
from orgchart.structure import graphql as structure

DOMAINS = [structure, positions, personnel, eligibility, staffing, restructuring, overlaps]


class Query(*(d.Query for d in DOMAINS), history.Query, graphene.ObjectType):
    """orgchart: effective-dated agencies → job positions → officials."""


class Mutation(*(d.Mutation for d in DOMAINS), graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation if Mutation._meta.fields else None)
