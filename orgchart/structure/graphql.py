import graphene


class Query(graphene.ObjectType):
    hello = graphene.String()


class Mutation(graphene.ObjectType):
    noop = graphene.String()
