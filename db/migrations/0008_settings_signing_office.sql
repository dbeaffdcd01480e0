-- 落款单位: who signs the printed bulletin, a setting instead of fixed text. Existing
-- installations keep what their bulletins said until now.
ALTER TABLE "settings" ADD COLUMN IF NOT EXISTS "signing_office" text DEFAULT '县人民政府办公室' NOT NULL;
