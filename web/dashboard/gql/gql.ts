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
    "query ColorCounts($level: RegionLevel!) {\n  colorCounts(level: $level) {\n    regionCode\n    regionName\n    green\n    yellow\n    red\n    total\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery DeclarationsPerDay($from: Date!, $to: Date!) {\n  declarationsPerDay(from: $from, to: $to) {\n    date\n    declared\n    abnormal\n  }\n}\n\nquery ScansPerCheckpoint($from: DateTime!, $to: DateTime!) {\n  scansPerCheckpoint(from: $from, to: $to) {\n    checkpoint {\n      id\n      name\n      region\n    }\n    scans\n    passed\n    refused\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery PlaceCheckInsPerHour($from: DateTime!, $to: DateTime!) {\n  placeCheckInsPerHour(from: $from, to: $to) {\n    place {\n      id\n      name\n    }\n    hour\n    checkIns\n    hidden {\n      field\n      reason\n    }\n  }\n}": typeof types.ColorCountsDocument,
};
const documents: Documents = {
    "query ColorCounts($level: RegionLevel!) {\n  colorCounts(level: $level) {\n    regionCode\n    regionName\n    green\n    yellow\n    red\n    total\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery DeclarationsPerDay($from: Date!, $to: Date!) {\n  declarationsPerDay(from: $from, to: $to) {\n    date\n    declared\n    abnormal\n  }\n}\n\nquery ScansPerCheckpoint($from: DateTime!, $to: DateTime!) {\n  scansPerCheckpoint(from: $from, to: $to) {\n    checkpoint {\n      id\n      name\n      region\n    }\n    scans\n    passed\n    refused\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery PlaceCheckInsPerHour($from: DateTime!, $to: DateTime!) {\n  placeCheckInsPerHour(from: $from, to: $to) {\n    place {\n      id\n      name\n    }\n    hour\n    checkIns\n    hidden {\n      field\n      reason\n    }\n  }\n}": types.ColorCountsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ColorCounts($level: RegionLevel!) {\n  colorCounts(level: $level) {\n    regionCode\n    regionName\n    green\n    yellow\n    red\n    total\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery DeclarationsPerDay($from: Date!, $to: Date!) {\n  declarationsPerDay(from: $from, to: $to) {\n    date\n    declared\n    abnormal\n  }\n}\n\nquery ScansPerCheckpoint($from: DateTime!, $to: DateTime!) {\n  scansPerCheckpoint(from: $from, to: $to) {\n    checkpoint {\n      id\n      name\n      region\n    }\n    scans\n    passed\n    refused\n    hidden {\n      field\n      reason\n    }\n  }\n}\n\nquery PlaceCheckInsPerHour($from: DateTime!, $to: DateTime!) {\n  placeCheckInsPerHour(from: $from, to: $to) {\n    place {\n      id\n      name\n    }\n    hour\n    checkIns\n    hidden {\n      field\n      reason\n    }\n  }\n}"): typeof import('./graphql').ColorCountsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
