export declare const THINKIFIC_API_KEY: string;
export declare const THINKIFIC_SUBDOMAIN: string;
export declare const MOODLE_WEBHOOK_TOKEN: string;
export declare const DOCEBO_WEBHOOK_SECRET: string;
export declare const TEACHABLE_WEBHOOK_SECRET: string;
export declare const TALENTLMS_API_KEY: string;
export declare const MOODLE_WS_TOKEN: string;
