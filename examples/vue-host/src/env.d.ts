// Types every <ck-*> tag in templates: props, attributes and @ck-* handlers (their event detail types).
import type {} from '@casekit/elements/vue';
