-- 0003: the e-mail outbox: messages kept until sent (by SMTP, or into the data folder when no server is configured).
CREATE TABLE "OutboxMessages" (
    "Id" uuid NOT NULL,
    "To" character varying(254) NOT NULL,
    "Subject" character varying(300) NOT NULL,
    "Body" character varying(100000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    "DeliveredVia" character varying(500),
    "Attempts" integer NOT NULL,
    "LastError" character varying(2000),
    CONSTRAINT "PK_OutboxMessages" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_OutboxMessages_SentAt_CreatedAt" ON "OutboxMessages" ("SentAt", "CreatedAt");
