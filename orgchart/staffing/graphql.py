"""GraphQL surface of this domain (composed by orgchart.api.schema)."""
import graphene


class Query(graphene.ObjectType):
    pass


class Mutation(graphene.ObjectType):
    pass
