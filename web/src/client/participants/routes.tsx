import { Route } from "react-router-dom";

import { ImportPage } from "./ImportPage";
import { NewParticipantPage } from "./NewParticipantPage";
import { ParticipantPage } from "./ParticipantPage";
import { ParticipantsPage } from "./ParticipantsPage";
import { SlackImportPage } from "./SlackImportPage";

// Paths relative to /app.
export const participantsRoutes = (
  <>
    <Route path="participants" element={<ParticipantsPage />} />
    <Route path="participants/new" element={<NewParticipantPage />} />
    <Route path="participants/import" element={<ImportPage />} />
    <Route path="participants/slack-import" element={<SlackImportPage />} />
    <Route path="participants/:id" element={<ParticipantPage />} />
  </>
);
