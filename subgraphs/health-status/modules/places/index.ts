import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { checkInAtPlace } from './resolvers/Mutation.checkInAtPlace.js';
import { designatePlaceWindow } from './resolvers/Mutation.designatePlaceWindow.js';
import { registerPlace } from './resolvers/Mutation.registerPlace.js';
import { placeVisits as personPlaceVisits } from './resolvers/Person.placeVisits.js';
import { PlaceCheckIn, PlaceVisit } from './resolvers/PlaceVisit.js';
import { PlaceHourCount, PlaceWindow } from './resolvers/PlaceWindow.js';
import { placeCheckInsPerHour } from './resolvers/Query.placeCheckInsPerHour.js';
import { placeVisits } from './resolvers/Query.placeVisits.js';

/** Place codes (场所码): registering places, residents' check-ins, tracing reads, place-window designations, hourly counts. */
export const placesModule: Resolvers = {
  Query: { placeVisits, placeCheckInsPerHour },
  Mutation: { registerPlace, checkInAtPlace, designatePlaceWindow },
  Person: { placeVisits: personPlaceVisits },
  PlaceVisit,
  PlaceCheckIn,
  PlaceWindow,
  PlaceHourCount,
};
