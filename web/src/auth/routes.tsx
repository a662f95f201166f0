import { Route } from "react-router-dom";

import { AcceptInvitationPage } from "./AcceptInvitationPage";
import { VerifyEmailPage, VerifyNewEmailPage } from "./ConfirmLinkPage";
import { ForgotPasswordPage } from "./ForgotPasswordPage";
import { LoginPage } from "./LoginPage";
import { ResetPasswordPage } from "./ResetPasswordPage";
import { SignupPage } from "./SignupPage";

// Login, signup and the pages that take an emailed link's token (accounts' WEB_PATHS).
// /reset-password also takes the one-time link of `./soket admin create-privacy-officer`.
export const authRoutes = (
  <>
    <Route path="/login" element={<LoginPage />} />
    <Route path="/signup" element={<SignupPage />} />
    <Route path="/forgot-password" element={<ForgotPasswordPage />} />
    <Route path="/verify-email" element={<VerifyEmailPage />} />
    <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
    <Route path="/reset-password" element={<ResetPasswordPage />} />
    <Route path="/verify-new-email" element={<VerifyNewEmailPage />} />
  </>
);
