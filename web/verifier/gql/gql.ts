/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query VerifierCheckpoint {\n  myCheckpoint {\n    id\n    name\n    kind\n  }\n}\n\nmutation VerifierVerify($input: VerifyCodeInput!) {\n  verifyCode(input: $input) {\n    pass\n    reason\n    color\n    tokenColor\n    reasons\n    paper\n    checkedAt\n    person {\n      maskedName\n    }\n  }\n}\n\nmutation VerifierRoadCheck($input: RoadCheckInput!) {\n  recordRoadCheck(input: $input) {\n    id\n    plate\n    people\n    green\n    yellow\n    red\n    unreadable\n    pass\n    checkedAt\n    passengers {\n      pass\n      reason\n      color\n      paper\n      person {\n        maskedName\n      }\n    }\n  }\n}": typeof types.VerifierCheckpointDocument,
};
const documents: Documents = {
    "query VerifierCheckpoint {\n  myCheckpoint {\n    id\n    name\n    kind\n  }\n}\n\nmutation VerifierVerify($input: VerifyCodeInput!) {\n  verifyCode(input: $input) {\n    pass\n    reason\n    color\n    tokenColor\n    reasons\n    paper\n    checkedAt\n    person {\n      maskedName\n    }\n  }\n}\n\nmutation VerifierRoadCheck($input: RoadCheckInput!) {\n  recordRoadCheck(input: $input) {\n    id\n    plate\n    people\n    green\n    yellow\n    red\n    unreadable\n    pass\n    checkedAt\n    passengers {\n      pass\n      reason\n      color\n      paper\n      person {\n        maskedName\n      }\n    }\n  }\n}": types.VerifierCheckpointDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query VerifierCheckpoint {\n  myCheckpoint {\n    id\n    name\n    kind\n  }\n}\n\nmutation VerifierVerify($input: VerifyCodeInput!) {\n  verifyCode(input: $input) {\n    pass\n    reason\n    color\n    tokenColor\n    reasons\n    paper\n    checkedAt\n    person {\n      maskedName\n    }\n  }\n}\n\nmutation VerifierRoadCheck($input: RoadCheckInput!) {\n  recordRoadCheck(input: $input) {\n    id\n    plate\n    people\n    green\n    yellow\n    red\n    unreadable\n    pass\n    checkedAt\n    passengers {\n      pass\n      reason\n      color\n      paper\n      person {\n        maskedName\n      }\n    }\n  }\n}"): typeof import('./graphql').VerifierCheckpointDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
