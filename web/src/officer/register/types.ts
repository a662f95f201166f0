// services/privacy/src/privacy/register/schemas.py

export interface Purpose {
  purpose: string;
  purpose_et: string | null;
  legal_basis: string;
  basis_note: string | null;
}

export interface Activity {
  id: string;
  category: string;
  category_et: string | null;
  description: string | null;
  subject_kind: string;
  soket_role: string;
  controller: string;
  source: string;
  purposes: Purpose[];
  retention: string;
  recipients: string[];
  processor_ids: string[];
  processors: { id: string; company: string; processed_in: string }[];
}

export interface Processor {
  id: string;
  company: string;
  service: string;
  service_et: string | null;
  processed_in: string;
  countries: string[];
  engaged_by: string;
  transfer: string | null;
  terms_url: string | null;
  outside_eu_eea: boolean;
  activity_ids: string[];
}

export interface RegisterDocument {
  controller: string;
  data_protection_contact: string;
  supervisory_authority: string;
  activities: Activity[];
  processors: Processor[];
  transfers: { by_default: string; through: { processor_id: string; company: string; countries: string[]; transfer: string }[] };
  security_measures: string[];
}
