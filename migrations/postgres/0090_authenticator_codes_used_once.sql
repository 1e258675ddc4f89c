-- 0090: the time step of the last authenticator code accepted from each person, so that no code is accepted twice.
ALTER TABLE "AspNetUsers" ADD "AuthenticatorTimeStepUsed" bigint NULL;
