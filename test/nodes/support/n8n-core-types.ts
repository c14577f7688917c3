// The slice of n8n-core and n8n-workflow the runner uses, typed structurally: n8n-core is
// not a dependency of this package (it comes from the pinned n8n line at run time), and the
// n8n-workflow types in our devDependencies describe the 2.x line. Members that differ
// between lines are typed loosely and handled where they are called.
import type {
	IConnections,
	IDataObject,
	INode,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IPinData,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	KnownNodesAndCredentials,
	LoadedClass,
	ICredentialType,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface DirectoryLoaderInstance {
	packageName: string;
	directory: string;
	known: KnownNodesAndCredentials;
	types: { nodes: INodeTypeDescription[]; credentials: ICredentialType[] };
	loadAll(): Promise<void>;
	getNode(nodeType: string): LoadedClass<INodeType | IVersionedNodeType>;
	getCredential(credentialType: string): LoadedClass<ICredentialType>;
}

export type DirectoryLoaderClass = new (directory: string) => DirectoryLoaderInstance;

export interface LifecycleHooksInstance {
	addHandler(hookName: 'nodeExecuteAfter', handler: (nodeName: string) => void): void;
	addHandler(hookName: 'workflowExecuteAfter', handler: (run: IRun) => void): void;
}

export type LifecycleHooksClass = new (
	mode: WorkflowExecuteMode,
	executionId: string,
	workflowData: IDataObject,
) => LifecycleHooksInstance;

/** Promise-like result of `run()` (a PCancelable in both lines). */
export type RunPromise = Promise<IRun>;

export interface WorkflowExecuteInstance {
	// 2.x: run({ workflow, startNode, destinationNode, pinData })
	// 1.x: run(workflow, startNode, destinationNode, pinData)
	run(...args: unknown[]): RunPromise;
}

export type WorkflowExecuteClass = new (
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
) => WorkflowExecuteInstance;

export interface N8nCoreModule {
	WorkflowExecute: WorkflowExecuteClass;
	ExecutionLifecycleHooks: LifecycleHooksClass;
	PackageDirectoryLoader: DirectoryLoaderClass;
	LazyPackageDirectoryLoader: DirectoryLoaderClass;
}

export interface WorkflowParameters {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	active: boolean;
	nodeTypes: INodeTypes;
	settings?: IDataObject;
	staticData?: IDataObject;
	pinData?: IPinData;
}

export interface N8nWorkflowModule {
	Workflow: new (parameters: WorkflowParameters) => Workflow;
	NodeHelpers: {
		getVersionedNodeType(object: IVersionedNodeType | INodeType, version?: number): INodeType;
	};
}
